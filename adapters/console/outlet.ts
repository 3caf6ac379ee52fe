// Where the console's notifications go. With nobody at the keyboard (serve with chat
// credentials) they print on the process output. Once a console session is attached, the
// session's own notifications print between its prompts with their buttons as `do <n>`, and
// those for other people print there too, headed by their recipient, so someone trying
// Auditbot in a terminal sees what everyone would receive.
import { Writable } from 'node:stream';
import type { OutboxRow } from '../../src/core/ports.js';
import type { Deliverer, DeliveryResult } from '../../src/outbox/deliverer.js';
import type { ConsoleSession } from './console-session.js';
import { createConsoleDeliverer } from './deliverer.js';

export interface ConsoleOutlet {
  deliverer: Deliverer;
  /** Routes notifications to `session` from now on; null sends them back to the process output. */
  attach(session: ConsoleSession | null): void;
  readonly session: ConsoleSession | null;
}

export function createConsoleOutlet(output: NodeJS.WritableStream): ConsoleOutlet {
  let session: ConsoleSession | null = null;
  const unattended = createConsoleDeliverer({ output });
  const intoSession = createConsoleDeliverer({
    output: new Writable({
      write(chunk: Buffer, _encoding, done) {
        session?.print(chunk.toString('utf8'));
        done();
      },
    }),
  });
  return {
    deliverer: {
      platform: 'console',
      deliver(row: OutboxRow): Promise<DeliveryResult> {
        if (!session) return unattended.deliver(row);
        if (row.recipient === session.person.email) {
          session.notify(row.message);
          return Promise.resolve({ ok: true });
        }
        return intoSession.deliver(row);
      },
    },
    attach(next) {
      session = next;
    },
    get session() {
      return session;
    },
  };
}
