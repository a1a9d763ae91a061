import { expect, type APIRequestContext } from '@playwright/test';

// The Mailpit of the e2e run and the server that sends through it
// (playwright.config.ts): specs that read e-mail use that server with
// test.use({ baseURL: mailBaseURL }).
export const mailBaseURL = `http://${process.env.E2E_MAIL_ADDR ?? ''}`;
const mailpitApi = `http://${process.env.E2E_MAILPIT_HTTP ?? ''}`;

interface Address {
  Name: string;
  Address: string;
}

interface Summary {
  ID: string;
  To: Address[];
  Subject: string;
}

// Message is one e-mail as Mailpit's API shows it, decoded.
export interface Message extends Summary {
  From: Address;
  Text: string;
  HTML: string;
}

// mailTo waits until an e-mail to the address has arrived in Mailpit and
// returns it. Mail goes out from a job after the request has answered, so
// the test asks until it is there (expect's time limit catches a hang).
export async function mailTo(request: APIRequestContext, address: string): Promise<Message> {
  let found: Summary | undefined;
  await expect
    .poll(
      async () => {
        const list = await request.get(`${mailpitApi}/api/v1/messages?limit=500`);
        expect(list.ok()).toBe(true);
        const { messages } = (await list.json()) as { messages: Summary[] };
        found = messages.find((m) => m.To.some((to) => to.Address === address));
        return found !== undefined;
      },
      { message: `an e-mail to ${address} arrives in Mailpit` },
    )
    .toBe(true);
  const message = await request.get(`${mailpitApi}/api/v1/message/${found?.ID ?? ''}`);
  expect(message.ok()).toBe(true);
  return (await message.json()) as Message;
}
