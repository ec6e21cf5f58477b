/** Placeholder for the charts and the preview while their queries run. */
export function InsightsSkeleton() {
  const block = "animate-pulse rounded-2xl bg-stone-200/70";
  return (
    <div className="space-y-12" aria-busy="true">
      <p role="status" className="sr-only">
        Loading the charts and the preview…
      </p>
      <div className="space-y-4">
        <div className="h-7 w-44 animate-pulse rounded-lg bg-stone-200/70" />
        <div className="grid gap-4 lg:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <div key={i} className={`h-72 ${block}`} />
          ))}
        </div>
      </div>
      <div className="space-y-4">
        <div className="h-7 w-32 animate-pulse rounded-lg bg-stone-200/70" />
        <div className="grid gap-4 lg:grid-cols-2">
          {[0, 1].map((i) => (
            <div key={i} className={`h-72 ${block}`} />
          ))}
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className={`h-64 ${block}`} />
          ))}
        </div>
      </div>
      <div className="space-y-4">
        <div className="h-7 w-28 animate-pulse rounded-lg bg-stone-200/70" />
        <div className={`h-96 ${block}`} />
      </div>
    </div>
  );
}
