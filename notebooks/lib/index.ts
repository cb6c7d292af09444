/**
 * notebooks/lib: what notebook cells use beside the project's own modules — the warehouse
 * opened read-only (or refused with the command that builds one), charts rendered to SVG in
 * the kernel, HTML tables, ROC points. Cells import it as `./notebooks/lib`.
 */
export { openWarehouse, warehousePath, WarehouseNotReadyError, WAREHOUSE_VARIABLE, BUILD_HINT, PROJECT_ROOT, type OpenWarehouseOptions } from './warehouse.ts';
export { show, svgOf, type ChartSpec } from './charts.ts';
export { showTable, tableHtml, formatCell, type TableOptions } from './tables.ts';
export { rocCurve, type RocPoint } from './curves.ts';
