/** A strict RFC 4180 reader, written for the tests so CSV exports are read by something other than their writer.
 *
 * Records end with CRLF (the last one too); a field is either unquoted (no `"`, `,`, CR or LF
 * in it) or wrapped in `"` with inner quotes doubled, and may then hold commas and line breaks.
 * Anything else (a bare LF, a quote inside an unquoted field, text after a closing quote) is an
 * error naming the record and column, so a sloppy writer fails the test instead of being
 * guessed at. A leading UTF-8 byte order mark is skipped.
 */

/** The records of `text`, each a list of field values. */
export function readCsvStrict(text: string): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const where = () => `record ${records.length + 1}, field ${record.length + 1}`;
  while (i < src.length) {
    let field = '';
    if (src[i] === '"') {
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`${where()}: a quoted field is not closed`);
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += src[i++];
      }
    } else {
      while (i < src.length && src[i] !== ',' && src[i] !== '\r' && src[i] !== '\n') {
        if (src[i] === '"') throw new Error(`${where()}: a quote inside an unquoted field`);
        field += src[i++];
      }
    }
    record.push(field);
    if (src[i] === ',') {
      i++;
      if (i >= src.length) throw new Error(`${where()}: the file ends after a comma`);
    } else if (src.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else if (i >= src.length) {
      throw new Error(`${where()}: the last record does not end with CRLF`);
    } else {
      throw new Error(`${where()}: ${JSON.stringify(src[i])} where a comma or CRLF should follow the field`);
    }
  }
  return records;
}
