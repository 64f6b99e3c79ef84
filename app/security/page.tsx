import type { Metadata } from 'next';
import { SecurityPage } from '../../components/security/SecurityPage';

export const metadata: Metadata = { title: 'Security — Portolan' };

export default function SecurityRoute() {
  return <SecurityPage />;
}
