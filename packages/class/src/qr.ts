import qrcode from 'qrcode';

/** The join address as a QR code drawn with block characters, for phones pointed at the instructor's screen. */
export function qrText(url: string): Promise<string> {
  return qrcode.toString(url, { type: 'utf8', margin: 2 });
}
