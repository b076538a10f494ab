import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { reportedTable } from './reported-tables';

/** Platform names for compliance rows. Platforms are few: names already seen are kept for the next call. */
@Injectable()
export class PlatformNames {
  private readonly known = new Map<string, string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(ids: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(ids)].filter((id) => !this.known.has(id));
    if (missing.length) {
      for (const platform of await reportedTable(this.dataSource, 'Platform').find({
        where: { id: In(missing) },
        select: { id: true, name: true },
      })) {
        this.known.set(platform.id, platform.name); // a platform's name never changes
      }
    }
    return this.known;
  }
}
