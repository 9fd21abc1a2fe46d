/** Cardinal numbers as words, for reading amounts aloud the way a person would. */
const EN_ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function enBelowThousand(n: number): string {
  const parts: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) parts.push(`${EN_ONES[hundreds]} hundred`);
  if (rest > 0 || hundreds === 0) {
    if (rest < 20) parts.push(EN_ONES[rest]);
    else parts.push(EN_TENS[Math.floor(rest / 10)] + (rest % 10 ? `-${EN_ONES[rest % 10]}` : ''));
  }
  return parts.join(' ');
}

export function englishNumber(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  if (n < 0) return `minus ${englishNumber(-n)}`;
  if (n < 1000) return enBelowThousand(n);
  const scales: [number, string][] = [
    [1_000_000_000, 'billion'],
    [1_000_000, 'million'],
    [1_000, 'thousand'],
  ];
  const parts: string[] = [];
  let rest = n;
  for (const [size, name] of scales) {
    if (rest >= size) {
      parts.push(`${englishNumber(Math.floor(rest / size))} ${name}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(enBelowThousand(rest));
  return parts.join(' ');
}

const ES_ONES = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte', 'veintiuno', 'veintidós', 'veintitrés', 'veinticuatro', 'veinticinco', 'veintiséis', 'veintisiete', 'veintiocho', 'veintinueve'];
const ES_TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const ES_HUNDREDS = ['', 'ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos', 'seiscientos', 'setecientos', 'ochocientos', 'novecientos'];

function esBelowHundred(n: number): string {
  if (n < 30) return ES_ONES[n];
  const unit = n % 10;
  return ES_TENS[Math.floor(n / 10)] + (unit ? ` y ${ES_ONES[unit]}` : '');
}

function esBelowThousand(n: number): string {
  if (n === 100) return 'cien';
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(ES_HUNDREDS[hundreds]);
  if (rest > 0 || hundreds === 0) parts.push(esBelowHundred(rest));
  return parts.join(' ');
}

/** Spanish cardinal; `apocope` gives the form used before a masculine noun ("un dólar", "veintiún"). */
export function spanishNumber(n: number, apocope = false): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  if (n < 0) return `menos ${spanishNumber(-n, apocope)}`;
  let words: string;
  if (n < 1000) words = esBelowThousand(n);
  else if (n < 1_000_000) {
    const thousands = Math.floor(n / 1000);
    const rest = n % 1000;
    const head = thousands === 1 ? 'mil' : `${spanishNumber(thousands, true)} mil`;
    words = rest ? `${head} ${esBelowThousand(rest)}` : head;
  } else {
    const millions = Math.floor(n / 1_000_000);
    const rest = n % 1_000_000;
    const head = millions === 1 ? 'un millón' : `${spanishNumber(millions, true)} millones`;
    words = rest ? `${head} ${spanishNumber(rest)}` : head;
  }
  if (!apocope) return words;
  return words.replace(/veintiuno$/, 'veintiún').replace(/\buno$/, 'un');
}
