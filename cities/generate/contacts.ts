/**
 * Obviously fake contact details. Emails live under `.example` (RFC 2606, never delivered) and phone
 * numbers are drawn in sequence from blocks such as +86 1380000xxxx that read as placeholders at a glance.
 */

const MAIL_DOMAIN = 'demo.civic-loop.example';

/** `office@beishudian.longting.demo.civic-loop.example` for labels ['beishudian', 'longting']. */
export const mailbox = (local: string, ...labels: string[]): string => `${local}@${[...labels, MAIL_DOMAIN].join('.')}`;

/** Hands out numbers +86 138 0000 0000, +86 138 0000 0001, … from one block per kind of holder. */
export class PhoneBook {
  private next = 0;
  constructor(private readonly prefix: string) {}

  take(): string {
    const serial = this.next++;
    if (serial >= 100_000) throw new Error(`phone block ${this.prefix} is exhausted`);
    // 1380000 + 4 digits gives 10,000 numbers; beyond that the block spills into 1380001xxxx.
    return `+86${Number(this.prefix) * 1e7 + serial}`;
  }
}

/** One block per holder kind, so a number tells at once what it belongs to. */
export const createPhoneBooks = () => ({
  /** Duty lines of territorial units (值班电话). */
  units: new PhoneBook('1380'),
  /** Heads of units, grid workers. */
  heads: new PhoneBook('1390'),
  /** Departments and offices. */
  departments: new PhoneBook('1360'),
  /** Demo login users. */
  users: new PhoneBook('1370'),
});
export type PhoneBooks = ReturnType<typeof createPhoneBooks>;
