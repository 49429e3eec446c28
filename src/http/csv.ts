import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';

export type CsvCell = string | number | boolean | null | undefined;
/** A column: its stable English name (the JSON field it comes from), and how a row fills it. */
export type CsvColumn<Row> = readonly [name: string, value: (row: Row) => CsvCell];

/**
 * The query of every read that a person may want as a table. CSV is asked for with format=csv (a link
 * one can paste or bookmark) or with Accept: text/csv; format wins when both are given.
 */
export class TableFormatQueryDto {
  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: 'csv: the same answer as a CSV table (RFC 4180); default json, or csv when Accept prefers text/csv',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  readonly format?: 'json' | 'csv';

  @ApiPropertyOptional({
    type: Boolean,
    default: true,
    description: 'CSV only: start with a UTF-8 byte-order mark, so Excel reads Vietnamese right; false leaves it out',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'bom must be true or false' })
  readonly bom?: boolean;
}

export function wantsCsv(request: Request, query: TableFormatQueryDto): boolean {
  if (query.format !== undefined) return query.format === 'csv';
  return request.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/**
 * RFC 4180: a header row, CRLF after every record, a field quoted when it holds a comma, a quote or a
 * line break (a lone LF included). Text that a spreadsheet would run as a formula (= + - @ at its start)
 * is prefixed with an apostrophe, as OWASP advises: reports quote citizens, and a cell must never compute.
 */
export function csvText<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[], options: { bom: boolean }): string {
  return stringify(
    rows.map((row) => columns.map(([, value]) => value(row) ?? null)),
    {
      bom: options.bom,
      header: true,
      columns: columns.map(([name]) => name),
      record_delimiter: 'windows',
      quoted_match: /[\r\n]/,
      escape_formulas: true,
      cast: { boolean: (value) => String(value) },
    },
  );
}

/** Sets the CSV headers (on success only: a refusal goes out as the problem details it is) and gives the body. */
export function answerCsv<Row>(
  response: Response,
  filename: string,
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
  query: TableFormatQueryDto,
): string {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.setHeader('Vary', 'Accept');
  return csvText(columns, rows, { bom: query.bom ?? true });
}

/** Event ids in one cell, separated by single spaces (event ids hold none), so every figure can still be drilled into. */
export const ids = (values: readonly string[] | null | undefined): string => (values ?? []).join(' ');
