"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-2xl border border-red-200 bg-red-50 px-6 py-12 text-center">
      <h1 className="text-lg font-semibold text-red-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-red-800">The page could not be loaded. It may be a passing problem.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-full bg-red-700 px-5 py-2 text-sm font-semibold text-white hover:bg-red-800">
        Try again
      </button>
    </div>
  );
}
