import { createTransport, Transporter } from 'nodemailer';

export interface DigestMail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Stable per digest: a client that gets a rare second copy can tell it is the same message. */
  messageId: string;
}

/** Where digests go. The runner only knows this port; tests and the benchmark use real SMTP servers. */
export interface DigestMailer {
  send(mail: DigestMail): Promise<{ messageId: string | null }>;
  close(): void;
}

/** An SMTP error the server gave as final (5xx): retrying within the same run is pointless. */
export const isPermanent = (e: unknown): boolean => {
  const code = (e as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/** nodemailer over SMTP_URL, with a small connection pool; short timeouts so a dead server fails fast. */
export class SmtpDigestMailer implements DigestMailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    maxConnections = 4,
  ) {
    this.transport = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections,
      maxMessages: 1000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: DigestMail): Promise<{ messageId: string | null }> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: { 'X-Dondoc-Digest': mail.messageId },
    });
    return { messageId: (info as { messageId?: string }).messageId ?? null };
  }

  close(): void {
    this.transport.close();
  }
}
