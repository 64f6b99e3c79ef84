/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server in server/ serves the app; Next renders pages only.
  typescript: { tsconfigPath: 'tsconfig.json' },
  // The image (Dockerfile) keeps only the files Next's tracing says the pages need; a clone runs from node_modules.
  // No page uses next/image, so sharp and its libvips (19 MB) stay out of the image.
  ...(process.env.PORTOLAN_STANDALONE === '1'
    ? { output: 'standalone', outputFileTracingExcludes: { '*': ['node_modules/sharp/**', 'node_modules/@img/**'] } }
    : {}),
};

export default nextConfig;
