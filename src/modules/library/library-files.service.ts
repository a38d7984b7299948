import crypto from "node:crypto";
import { type Executor, now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import type { Upload } from "../../platform/http/body-parsers.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import * as repo from "./library.repository.ts";
import { assertMaySee } from "./library-access.ts";
import { LibraryInvalid, problem } from "./library-content.ts";

/** A resource's file: the kinds accepted (checked by their first bytes), storing one, serving one. */

/**
 * Files a resource may carry, by extension: the media type they are served with and how their first bytes
 * must look (a PDF that is really a program is refused). Text files must be valid UTF-8.
 */
export const FILE_KINDS: Readonly<Record<string, { type: string; magic?: readonly number[] }>> = {
  pdf: { type: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46] },
  docx: {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  xlsx: {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  odt: { type: "application/vnd.oasis.opendocument.text", magic: [0x50, 0x4b, 0x03, 0x04] },
  ods: { type: "application/vnd.oasis.opendocument.spreadsheet", magic: [0x50, 0x4b, 0x03, 0x04] },
  png: { type: "image/png", magic: [0x89, 0x50, 0x4e, 0x47] },
  jpg: { type: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  csv: { type: "text/csv; charset=utf-8" },
  txt: { type: "text/plain; charset=utf-8" },
};

/** Checks an uploaded file; returns its kind's media type and a tidy file name, or throws LibraryInvalid. */
export function checkUpload(upload: Upload): { mediaType: string; filename: string } {
  // Path separators, control characters and characters some systems refuse become "_".
  const name = [...upload.filename.normalize("NFC")]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/"<>|:*?'.includes(ch) ? "_" : ch))
    .join("")
    .trim()
    .slice(-120);
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  const kind = FILE_KINDS[ext === "jpeg" ? "jpg" : ext];
  if (!kind || upload.data.length === 0) throw new LibraryInvalid([problem("file", "fileType")]);
  if (kind.magic && !kind.magic.every((b, i) => upload.data[i] === b))
    throw new LibraryInvalid([problem("file", "fileType")]);
  if (!kind.magic) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(upload.data);
    } catch {
      throw new LibraryInvalid([problem("file", "fileType")]);
    }
  }
  return { mediaType: kind.type, filename: name };
}

export async function storeFile(trx: Executor, itemId: string, upload: Upload, by: string): Promise<string> {
  const { mediaType, filename } = checkUpload(upload);
  const id = newId();
  await repo.insertFile(trx, {
    id,
    item_id: itemId,
    filename,
    media_type: mediaType,
    size: upload.data.length,
    sha256: crypto.createHash("sha256").update(upload.data).digest("hex"),
    content: upload.data,
    uploaded_by: by,
    created_at: now(),
  });
  return id;
}

export interface StoredFile {
  readonly filename: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  readonly content: Buffer;
}

/** A published resource's current file, for anyone; anything else (an older version's, a draft's) is 404. */
export async function publishedFile(p: Platform, fileId: string): Promise<StoredFile> {
  const file = await repo.fileWithContent(p.db, fileId);
  const item = file && (await repo.itemById(p.db, file.item_id));
  const current = item && (JSON.parse(item.details) as Record<string, unknown>).fileId;
  if (!file || !item || item.status !== "published" || current !== fileId)
    throw new AppError("library_file_not_found", 404, "No such file");
  return toStored(file);
}

/** Any version's file of an item this person may see in the console (to review it before publishing). */
export async function editorialFile(p: Platform, scope: StaffScope, fileId: string): Promise<StoredFile> {
  assertCan(scope, "library.submit");
  const file = await repo.fileWithContent(p.db, fileId);
  const item = file && (await repo.itemById(p.db, file.item_id));
  if (!file || !item) throw new AppError("library_file_not_found", 404, "No such file");
  assertMaySee(scope, item);
  return toStored(file);
}

export function toStored(f: NonNullable<Awaited<ReturnType<typeof repo.fileWithContent>>>): StoredFile {
  return {
    filename: f.filename,
    mediaType: f.media_type,
    size: f.size,
    sha256: f.sha256,
    content: Buffer.from(f.content),
  };
}

/** A file's name, size and type for a page, without its bytes. */
export async function fileFacts(p: Platform, fileId: string) {
  const f = await repo.fileMeta(p.db, fileId);
  return f && { id: f.id, filename: f.filename, mediaType: f.media_type, size: f.size, sha256: f.sha256 };
}
