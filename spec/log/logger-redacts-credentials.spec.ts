import { Writable } from 'node:stream';
import { createLogger } from '../../src/log/logger';

function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('createLogger', () => {
  it('redacts every credential header and password wherever a request is logged', () => {
    const { stream, lines } = capture();
    const logger = createLogger('info', stream);
    const headers = {
      authorization: 'Basic c2VjcmV0OnNlY3JldA==',
      'es-secondary-authorization': 'ApiKey c2Vjb25k',
      cookie: 'sid=secret-cookie',
      'proxy-authorization': 'Basic cHJveHk=',
      'x-opaque-id': 'keep-me',
    };
    logger.info({ headers, req: { headers }, upstream: { headers }, password: 'pw-1', config: { password: 'pw-2' } }, 'x');
    const line = lines()[0]!;
    for (const secret of ['c2VjcmV0OnNlY3JldA', 'c2Vjb25k', 'secret-cookie', 'cHJveHk', 'pw-1', 'pw-2']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('keep-me');
    expect(JSON.parse(line).headers.authorization).toBe('[redacted]');
  });

  it('writes nothing below its level', () => {
    const { stream, lines } = capture();
    const logger = createLogger('warn', stream);
    logger.info('hidden');
    logger.warn('shown');
    expect(lines().map((l) => JSON.parse(l).msg)).toEqual(['shown']);
  });
});
