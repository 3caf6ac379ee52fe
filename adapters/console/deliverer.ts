// The console's outbox deliverer: prints each notification as text, headed by its recipient,
// so someone trying Auditbot in a terminal sees what Slack or Teams users would receive.
import type { Deliverer, DeliveryResult } from '../../src/outbox/deliverer.js';
import type { OutboxRow } from '../../src/core/ports.js';
import { renderMessageText } from './render.js';

export interface ConsoleDelivererOptions {
  output: NodeJS.WritableStream;
}

/** The heading names the recipient: a person's e-mail, or `#id` for a channel post. */
export function recipientHeading(recipient: string): string {
  return recipient.startsWith('channel:') ? `#${recipient.slice('channel:'.length)}` : recipient;
}

export function createConsoleDeliverer(options: ConsoleDelivererOptions): Deliverer {
  const { output } = options;
  return {
    platform: 'console',
    async deliver(row: OutboxRow): Promise<DeliveryResult> {
      const body = renderMessageText(row.message)
        .split('\n')
        .map((line) => `  ${line}`.trimEnd())
        .join('\n');
      const text = `\n[to ${recipientHeading(row.recipient)}]\n${body}\n`;
      // Not waiting for the write callback: an output nobody reads (a test's PassThrough) would
      // otherwise stall delivery once its buffer fills. A closed output is a retryable failure
      // rather than a row marked delivered that nobody saw.
      if (!output.writable) return { ok: false, retryable: true, error: 'console output is closed' };
      output.write(text);
      return { ok: true };
    },
  };
}
