import { parseCsv } from '../../../test/helpers/csv-reader';
import { csvField, csvLine } from './csv';

describe('csv', () => {
  it('quotes what needs quoting and round-trips quotes, commas, newlines and Chinese text', () => {
    const values = ['plain', '含逗号，和,英文逗号', 'say "嗨"', '第一行\n第二行\r\n第三行', '', '直播间 澳门百家乐'];
    const line = csvLine(values);
    expect(line).toBe('plain,"含逗号，和,英文逗号","say ""嗨""","第一行\n第二行\r\n第三行",,直播间 澳门百家乐\r\n');
    expect(parseCsv(line)).toEqual([values]);
  });

  it('writes numbers, booleans and empty values plainly', () => {
    expect(csvLine([3, true, null, undefined, 0])).toBe('3,true,,,0\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });
});
