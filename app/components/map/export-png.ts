/**
 * PNG export: the map canvas (readable because the map is created with preserveDrawingBuffer)
 * composed on a new canvas with title, legend, date and source line. Browser only.
 */
export interface LegendEntry {
  colour: string;
  label: string;
}

export interface ExportInput {
  mapCanvas: HTMLCanvasElement;
  title: string;
  subtitle: string;
  legendTitle: string;
  legend: LegendEntry[];
  dateLine: string;
  sourceLine: string;
}

export function composeMapImage(input: ExportInput): HTMLCanvasElement {
  const src = input.mapCanvas;
  const scale = Math.max(1, src.width / Math.max(1, src.clientWidth || src.width));
  const pad = 16 * scale;
  const headH = 64 * scale;
  const footH = 36 * scale;
  const out = document.createElement("canvas");
  out.width = src.width + 2 * pad;
  out.height = src.height + headH + footH;
  const ctx = out.getContext("2d")!;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  const font = (size: number, weight = 400) => `${weight} ${size * scale}px system-ui, 'DejaVu Sans', sans-serif`;
  ctx.fillStyle = "#111827";
  ctx.textBaseline = "top";
  ctx.font = font(20, 700);
  ctx.fillText(input.title, pad, pad * 0.8, out.width - 2 * pad);
  ctx.font = font(13);
  ctx.fillStyle = "#374151";
  ctx.fillText(input.subtitle, pad, pad * 0.8 + 28 * scale, out.width - 2 * pad);
  ctx.drawImage(src, pad, headH);
  ctx.strokeStyle = "#9ca3af";
  ctx.lineWidth = scale;
  ctx.strokeRect(pad, headH, src.width, src.height);

  // Legend box in the map's lower-right corner.
  const rowH = 20 * scale;
  ctx.font = font(12);
  const textW = Math.max(ctx.measureText(input.legendTitle).width, ...input.legend.map((e) => ctx.measureText(e.label).width));
  const boxW = textW + 44 * scale;
  const boxH = (input.legend.length + 1) * rowH + 12 * scale;
  const bx = pad + src.width - boxW - 10 * scale;
  const by = headH + src.height - boxH - 10 * scale;
  ctx.fillStyle = "rgba(255,255,255,0.94)";
  ctx.fillRect(bx, by, boxW, boxH);
  ctx.strokeRect(bx, by, boxW, boxH);
  ctx.fillStyle = "#111827";
  ctx.font = font(12, 700);
  ctx.fillText(input.legendTitle, bx + 8 * scale, by + 8 * scale);
  ctx.font = font(12);
  input.legend.forEach((e, i) => {
    const y = by + 8 * scale + (i + 1) * rowH;
    ctx.fillStyle = e.colour;
    ctx.fillRect(bx + 8 * scale, y, 20 * scale, 14 * scale);
    ctx.strokeStyle = "#6b7280";
    ctx.strokeRect(bx + 8 * scale, y, 20 * scale, 14 * scale);
    ctx.fillStyle = "#111827";
    ctx.fillText(e.label, bx + 36 * scale, y);
  });

  ctx.font = font(11);
  ctx.fillStyle = "#4b5563";
  ctx.fillText(`${input.sourceLine}  ${input.dateLine}`, pad, headH + src.height + 12 * scale, out.width - 2 * pad);
  return out;
}

/** Composes the image and hands it to the browser as a download; resolves with its size in bytes. */
export async function downloadMapPng(input: ExportInput, fileName: string): Promise<number> {
  const canvas = composeMapImage(input);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("toBlob gagal"))), "image/png"));
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob.size;
}
