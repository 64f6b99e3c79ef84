import { Overview } from '../components/overview/Overview';

export default function HomePage() {
  return <Overview />;
}
