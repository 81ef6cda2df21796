import * as fs from 'node:fs';

/*
 * Secrets for the CLI: a PIN or a passphrase comes from its environment variable or,
 * on a terminal, from a prompt that does not echo. Never from argv, which other users
 * of the machine can read in the process list and which shells keep in history.
 */

export class SecretUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretUnavailable';
  }
}

export async function readSecret(variable: string, prompt: string): Promise<string> {
  const fromEnvironment = process.env[variable];
  if (fromEnvironment !== undefined && fromEnvironment.length > 0) return fromEnvironment;
  // <VARIABLE>_FILE names a file that holds it: a systemd credential (LoadCredential=, %d) for a service.
  const file = process.env[`${variable}_FILE`];
  if (file) {
    try {
      return (await fs.promises.readFile(file, 'utf8')).replace(/\r?\n$/, '');
    } catch (e) {
      throw new SecretUnavailable(`${variable}_FILE names ${file}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const stdin = process.stdin;
  if (!stdin.isTTY)
    throw new SecretUnavailable(
      `${prompt} is needed: set ${variable} (or ${variable}_FILE), or run in a terminal to be asked (it is never read from the command line)`,
    );
  process.stderr.write(`${prompt}: `);
  stdin.setRawMode(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let secret = '';
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            resolve(secret);
            return;
          }
          if (char === '\u0003') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            reject(new SecretUnavailable('cancelled'));
            return;
          }
          secret = char === '\u007f' || char === '\b' ? secret.slice(0, -1) : secret + char;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}
