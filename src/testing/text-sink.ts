import { Writable } from 'node:stream';

/** A stream that keeps what a command writes to it, for tests that read a CLI's output. */
export function textSink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, done) {
      w.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}
