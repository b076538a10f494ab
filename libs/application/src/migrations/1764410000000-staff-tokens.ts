import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Staff tokens that expire (from when they were issued) and can be revoked. */
export class StaffTokens1764410000000 implements MigrationInterface {
  name = 'StaffTokens1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('staff_users', [
      new TableColumn({ name: 'token_issued_at', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'revoked_at', type: 'bigint', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('staff_users', ['token_issued_at', 'revoked_at']);
  }
}
