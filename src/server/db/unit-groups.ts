import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Caller } from '../context.ts';
import { inCallerScope } from '../access/scope.ts';
import { AppError } from '../errors.ts';
import { units } from './schema.ts';

/**
 * Grouping any unit-owned records the way the metric catalogue groups projects: the whole scope, the chosen unit's
 * children, every unit's own subtree (a month close), or the month of a date. Used by the activity areas' metrics.
 */
export type UnitGrouping = 'none' | 'unit' | 'subtree' | 'month';

const likePrefix = (path: string) => path.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

/** Records of the unit's subtree, inside the caller's scope. */
export function inUnitSubtree(caller: Caller, unitIdColumn: AnyPgColumn, unitPath: string): SQL {
  return sql`${inCallerScope(caller, unitIdColumn)} and ${unitIdColumn} = any(array(select ${units.id} from ${units} where ${units.path} like ${likePrefix(unitPath)}))`;
}

export function unitGrouping(grouping: string, unitPath: string, unitIdColumn: AnyPgColumn, dated: SQL | AnyPgColumn): { join: SQL; group: SQL } {
  switch (grouping) {
    case 'none':
      return { join: sql``, group: sql`''` };
    case 'unit': {
      const position = unitPath.split('/').filter(Boolean).length + 2;
      return { join: sql`join ${units} as grouped_unit on grouped_unit.id = ${unitIdColumn}`, group: sql`split_part(grouped_unit.path, '/', ${position}::int)` };
    }
    case 'subtree':
      return {
        join: sql`join ${units} as grouped_unit on grouped_unit.id = ${unitIdColumn}
          cross join lateral unnest(string_to_array(trim(both '/' from grouped_unit.path), '/')::int[]) as ancestor(id)`,
        group: sql`ancestor.id::text`,
      };
    case 'month':
      return { join: sql``, group: sql`to_char(${dated}, 'YYYY-MM')` };
    default:
      // Trips, visits, events and leads have no industry, investor or stage to break down by.
      throw new AppError('validation.invalid', { field: 'by', params: { detail: grouping } });
  }
}
