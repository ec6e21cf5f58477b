import type { Metadata } from "next";
import { PageHeader } from "@/components/empty-state";
import { ValidateGate } from "@/components/validate/validate-gate";

export const metadata: Metadata = { title: "Validate" };

export default function ValidatePage() {
  return (
    <>
      <PageHeader title="Validate">Review submitted items, vote on their quality and earn a share of each epoch.</PageHeader>
      <ValidateGate />
    </>
  );
}
