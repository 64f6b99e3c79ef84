import { MapPage } from '../components/map/MapPage';

export default function HomePage() {
  return <MapPage />;
}
