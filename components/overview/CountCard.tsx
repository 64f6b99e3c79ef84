/** A total with its break-down, e.g. networks by driver. */
export function CountCard({ title, total, parts, testId }: { title: string; total: number; parts: [string, number][]; testId: string }) {
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="text-sm font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h2>
      <p className="mt-1 text-5xl font-bold tabular-nums" data-testid={`${testId}-total`}>
        {total}
      </p>
      <ul className="mt-4 flex flex-wrap gap-2">
        {parts.map(([label, count]) => (
          <li
            key={label}
            data-testid={`${testId}-${label}`}
            data-count={count}
            className="rounded-full bg-slate-100 px-3 py-1 text-sm dark:bg-slate-800"
          >
            <span className="font-medium">{label}</span> <span className="tabular-nums text-slate-600 dark:text-slate-300">{count}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
