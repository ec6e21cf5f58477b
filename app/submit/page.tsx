import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/empty-state";

export const metadata: Metadata = { title: "Submit" };

export default function SubmitPage() {
  return (
    <>
      <PageHeader title="Submit content">Tag something worth learning from and sign it with your wallet.</PageHeader>
      <EmptyState icon="pen" title="Submissions are not open yet">
        The submission form ships with the contributor release. Until then, connect your wallet and sign in so your account
        is ready.
      </EmptyState>
    </>
  );
}
