import { extractCards } from "./payment-cards.ts";
import { extractPaymentHandles } from "./payment-handles.ts";
import { extractIbans } from "./payment-iban.ts";
import { extractBitcoin, extractEthereum } from "./payment-wallets.ts";
import { byPosition } from "./raw-span.ts";
import type { ExtractOptions, Identifier } from "./types.ts";

export { isCardNumber, luhnValid, maskCard, redactCards, redactSpans } from "./payment-cards.ts";
export { ibanChecksumValid } from "./payment-iban.ts";
export { isBase58BitcoinAddress, isBech32BitcoinAddress, toChecksumAddress } from "./payment-wallets.ts";

/**
 * Payment identifiers in a text: IBANs (mod-97), Bitcoin and Ethereum addresses (checksums), card numbers
 * (Luhn and scheme prefix; redacted), and payment-app handles where the app is named. Only identifiers
 * whose checksum holds are returned, in text order. Never throws.
 */
export function extractPayments(text: string, _options: ExtractOptions = {}): Identifier[] {
  return [
    ...extractIbans(text),
    ...extractBitcoin(text),
    ...extractEthereum(text),
    ...extractCards(text),
    ...extractPaymentHandles(text),
  ].sort(byPosition);
}
