import { EmptyState } from "@/components/empty-state";
import { SiteFrame } from "@/components/site-frame";
import { ReadWallet } from "@/components/wallet/read-wallet";

export default function NotFound() {
  return (
    <SiteFrame wallet={<ReadWallet />}>
      <EmptyState icon="compass" title="Page not found" action={{ href: "/", label: "Back to Commonplace" }}>
        There is nothing at this address.
      </EmptyState>
    </SiteFrame>
  );
}
