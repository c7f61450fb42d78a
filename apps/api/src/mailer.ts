import nodemailer from "nodemailer";

/**
 * Sends the password reset link: by SMTP when SMTP_URL is set, otherwise printed to the API's
 * log (development: copy the link from data/logs/api.log).
 */
export function passwordResetMailer(smtpUrl: string | undefined, from: string) {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return async (to: { email: string; name: string }, url: string): Promise<void> => {
    if (!transport) {
      console.log(`[auth] password reset link for ${to.email} (no SMTP_URL, so not emailed): ${url}`);
      return;
    }
    await transport.sendMail({
      from,
      to: { name: to.name, address: to.email },
      subject: "Reset your Parley password",
      text: `Hello ${to.name},\n\nOpen this link within an hour to choose a new password:\n${url}\n\nIf you did not ask for it, ignore this email: your password stays as it is.\n`,
    });
  };
}
