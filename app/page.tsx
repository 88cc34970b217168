import { Suspense } from 'react';
import { LiveView } from '@/components/LiveView';

export default function HomePage() {
  return (
    <Suspense>
      <LiveView />
    </Suspense>
  );
}
