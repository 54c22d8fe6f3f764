import { ComponentType, lazy, LazyExoticComponent } from 'react';

export type Preloadable<P> = LazyExoticComponent<ComponentType<P>> & { preload(): Promise<unknown> };

/**
 * React.lazy with a way to load the chunk ahead, and that does not suspend once it is loaded:
 * React.lazy suspends at a component's first render even when its chunk has come (an import()
 * promise is never settled synchronously), and React then holds the content back up to 300 ms
 * after the fallback was shown (its Suspense throttle). A loaded module is handed over by a
 * thenable that answers at once, so the first render goes through.
 */
export function preloadable<P>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () => (pending ??= load().then((c) => (loaded = c)));
  const component = lazy(() =>
    loaded
      ? // React only calls then() on what lazy's factory returns.
        ({ then: (ok: (m: { default: ComponentType<P> }) => void) => ok({ default: loaded! }) } as unknown as Promise<{
          default: ComponentType<P>;
        }>)
      : preload().then((c) => ({ default: c })),
  );
  return Object.assign(component, { preload });
}
