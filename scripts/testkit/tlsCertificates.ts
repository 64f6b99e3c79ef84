import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certificates {
  /** What dockerd --tlsverify takes. */
  ca: string;
  serverCert: string;
  serverKey: string;
  /** A folder with ca.pem, cert.pem and key.pem, as DOCKER_CERT_PATH names it. */
  client: string;
}

/** A CA of its own, a server certificate for 127.0.0.1 and a client certificate, made with openssl in `dir`. */
export async function makeCertificates(dir: string): Promise<Certificates> {
  fs.mkdirSync(path.join(dir, 'client'), { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', ['req', '-x509', ...key, '-keyout', file('ca-key.pem'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=ptl-cn test CA']);
  const sign = async (name: string, subject: string, extensions: string) => {
    await run('openssl', ['req', ...key, '-keyout', file(`${name}-key.pem`), '-out', file(`${name}.csr`), '-subj', subject]);
    fs.writeFileSync(file(`${name}.ext`), extensions);
    await run(
      'openssl',
      ['x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'), '-CAcreateserial'].concat([
        '-out',
        file(`${name}.pem`),
        '-days',
        '2',
        '-extfile',
        file(`${name}.ext`),
      ]),
    );
  };
  await sign('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  await sign('client', '/CN=ptl-cn client', 'extendedKeyUsage=clientAuth\n');
  fs.copyFileSync(file('ca.pem'), path.join(dir, 'client', 'ca.pem'));
  fs.copyFileSync(file('client.pem'), path.join(dir, 'client', 'cert.pem'));
  fs.copyFileSync(file('client-key.pem'), path.join(dir, 'client', 'key.pem'));
  return { ca: file('ca.pem'), serverCert: file('server.pem'), serverKey: file('server-key.pem'), client: path.join(dir, 'client') };
}
