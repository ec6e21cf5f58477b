import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/empty-state";
import { VotingKeysList } from "@/components/validate/voting-keys-list";

export const metadata: Metadata = { title: "Voting keys" };

export default function VotingKeysPage() {
  return (
    <>
      <PageHeader title="Voting keys">
        Keys your wallet allowed to sign your votes. Revoke one and the votes it signs from then on are refused; votes it signed before stay counted,
        each with its signed delegation.
      </PageHeader>
      <VotingKeysList />
      <p className="mt-6 text-sm">
        <Link href="/validate" className="font-medium text-brand-700 hover:underline">
          ← Back to the review queue
        </Link>
      </p>
    </>
  );
}
