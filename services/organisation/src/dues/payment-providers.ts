/**
 * Where dues money comes in. A provider confirms a payment and gives its reference; the ledger is
 * written only after it has. Real online providers (WeChat Pay, Alipay, a bank) plug in here later;
 * today there is the offline one: the branch treasurer records money received in cash or by transfer.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Whether a member may pay through it themselves (online), or only an officer records it. */
  readonly memberInitiated: boolean;
  confirm(payment: {
    paymentId: string;
    memberId: string;
    amountFen: number;
  }): Promise<{ reference: string }>;
}

export const treasurerRecorded: PaymentProvider = {
  name: 'treasurer',
  memberInitiated: false,
  // Nothing to call: the treasurer holds the money; the payment id is the receipt's reference.
  confirm: async ({ paymentId }) => ({ reference: `treasurer:${paymentId}` }),
};

export class PaymentProviders {
  private readonly byName: Map<string, PaymentProvider>;

  constructor(providers: PaymentProvider[] = [treasurerRecorded]) {
    this.byName = new Map(providers.map((provider) => [provider.name, provider]));
  }

  get(name: string): PaymentProvider | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}
