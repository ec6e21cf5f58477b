import { EmptyState } from "@/components/empty-state";
import { SiteFrame } from "@/components/site-frame";
import { LazyWallet } from "@/components/wallet/lazy-wallet";
import { walletProps } from "@/components/wallet/wallet-props";

export default async function NotFound() {
  return (
    <SiteFrame wallet={<LazyWallet {...await walletProps()} />}>
      <EmptyState icon="compass" title="Page not found" action={{ href: "/", label: "Back to Commonplace" }}>
        There is nothing at this address.
      </EmptyState>
    </SiteFrame>
  );
}
