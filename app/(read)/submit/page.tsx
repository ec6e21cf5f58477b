import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/empty-state";
import { QueryProvider } from "@/components/query-provider";
import { Bookmarklet } from "@/components/submit/bookmarklet";
import { MySubmissions } from "@/components/submit/my-submissions";
import { SubmitForm } from "@/components/submit/submit-form";
import { Card } from "@/components/ui";
import { chainSettings } from "@/lib/chain/config";
import { screeningSettings } from "@/lib/config/screening";
import { prefillFromQuery } from "@/lib/submissions/prefill";

export const metadata: Metadata = { title: "Submit" };

export default async function SubmitPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const prefill = prefillFromQuery(await searchParams);
  return (
    <QueryProvider>
      <PageHeader title="Submit content">
        Tag something worth learning from and sign it with your wallet. Validators review it; accepted items enter the next
        dataset snapshot and earn you a share of the epoch&apos;s rewards.
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        {/* Each boundary hydrates as a task of its own: two shorter tasks instead of one long one. */}
        <Suspense>
          <SubmitForm prefill={prefill} chainId={chainSettings().chainId} screening={screeningSettings()} />
        </Suspense>
        <aside className="space-y-6">
          <Card>
            <h2 className="text-sm font-semibold">What makes a good item</h2>
            <ul className="mt-3 list-disc space-y-1.5 pl-5 text-sm text-stone-600">
              <li>Original, substantive text: explanations, answers, analyses.</li>
              <li>Content you may share under the license you pick.</li>
              <li>No personal data about others: emails and phone numbers are flagged.</li>
              <li>Tags a search would use: topic, language, genre.</li>
            </ul>
          </Card>
          <Card>
            <h2 className="text-sm font-semibold">Submit from any page</h2>
            <p className="mt-2 text-sm text-stone-600">
              Drag this button to your bookmarks bar. Select text on any page and click it: this form opens with the text and
              the page&apos;s address filled in.
            </p>
            <div className="mt-4">
              <Bookmarklet />
            </div>
          </Card>
        </aside>
      </div>
      <div className="mt-10">
        <Suspense>
          <MySubmissions />
        </Suspense>
      </div>
    </QueryProvider>
  );
}
