import { ApiProperty } from '@nestjs/swagger';

/** One element of the GeoReport v2 answer to POST requests.json (the answer is a list of one). */
export class ServiceRequestReceiptView {
  @ApiProperty({ example: '4f2b8c0e-7d1a-4e5b-9a3c-2b1d0e9f8a7c' }) readonly service_request_id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The secret that reads this request's status; null on a repeat recorded under another secret",
  })
  readonly token!: string | null;
  @ApiProperty({ example: 'Received by the accountability ledger; follow its status with GET requests/{id}.json?token=<token>.' })
  readonly service_notice!: string;
  @ApiProperty({ type: String, nullable: true }) readonly account_id!: string | null;
}
