/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server in server/ serves the app; Next renders pages only.
  typescript: { tsconfigPath: 'tsconfig.json' },
};

export default nextConfig;
