/**
 * Colours for what the command line prints, with Node's own `util.styleText`
 * and terminal detection: no colour library is loaded at start-up (zx's
 * chalk cost ≈ 0.15 s of every command, more than a whole no-change build).
 * On when stdout is a terminal with colours (Node honours NO_COLOR,
 * NODE_DISABLE_COLORS and TERM), or when FORCE_COLOR asks (0 or false: off).
 */
import { styleText } from 'node:util';

function colours(): boolean {
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return !/^(0|false)$/i.test(force);
  return Boolean(process.stdout.isTTY && process.stdout.hasColors?.());
}

const on = colours();
const style = (format: 'red' | 'yellow' | 'green' | 'cyan') => (text: string) => (on ? styleText(format, text) : text);

export const red = style('red');
export const yellow = style('yellow');
export const green = style('green');
export const cyan = style('cyan');
