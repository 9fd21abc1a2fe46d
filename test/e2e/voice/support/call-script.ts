/**
 * Plays a call as a table of turns: a string is pressed on the keypad, a RegExp picks the
 * option whose spoken label matches ("For <label>, press N" / "Para <label>, oprima N"),
 * { say } is spoken, { silence } is silence. Keeps the transcript for failure messages.
 */
import assert from 'node:assert/strict';
import type { TwilioCaller } from '../../../../src/channels/voice/twiml/twilio-caller';
import { spoken, type Heard } from '../../../../src/channels/voice/twiml/twiml-reader';

export type Turn = string | RegExp | { say: string } | { silence: true };

export function keyFor(heard: Heard, label: RegExp): string {
  for (const s of heard.says) {
    const m = /(?:press|oprima) (\d)\.?$/.exec(s.text);
    if (m && label.test(s.text)) return m[1];
  }
  // Paged list: ask for more is the caller's job; say so clearly.
  throw new Error(`no option matching ${label} in: ${spoken(heard)}`);
}

export class CallScript {
  readonly transcript: string[] = [];
  heard!: Heard;

  constructor(readonly caller: TwilioCaller) {}

  private log(who: string, text: string) {
    this.transcript.push(`${who}: ${text}`);
  }

  async dial(): Promise<this> {
    this.heard = await this.caller.dial();
    this.log('IVR', spoken(this.heard));
    return this;
  }

  async play(...turns: Turn[]): Promise<this> {
    for (const turn of turns) {
      let heard: Heard;
      if (typeof turn === 'string') {
        this.log('caller', `presses ${turn || '(nothing)'}`);
        heard = await this.caller.press(turn);
      } else if (turn instanceof RegExp) {
        let key: string | undefined;
        for (let page = 0; key === undefined; page += 1) {
          try {
            key = keyFor(this.heard, turn);
          } catch (e) {
            if (page < 4 && /(more options|más opciones)/.test(this.text())) {
              this.log('caller', 'presses 9 for more');
              this.heard = await this.caller.press('9');
              this.log('IVR', spoken(this.heard));
              continue;
            }
            throw new Error(`${(e as Error).message}\n--- transcript\n${this.transcript.join('\n')}`);
          }
        }
        this.log('caller', `presses ${key} for ${turn}`);
        heard = await this.caller.press(key);
      } else if ('say' in turn) {
        this.log('caller', `says "${turn.say}"`);
        heard = await this.caller.speak(turn.say);
      } else {
        this.log('caller', '(silence)');
        heard = await this.caller.silence();
      }
      this.heard = heard;
      this.log('IVR', spoken(heard));
    }
    return this;
  }

  text(): string {
    return spoken(this.heard);
  }

  expectHeard(re: RegExp): this {
    assert.match(this.text(), re, `expected ${re}\n--- transcript\n${this.transcript.join('\n')}`);
    return this;
  }
}
