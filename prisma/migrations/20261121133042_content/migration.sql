-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('work-report', 'law', 'communique', 'speech', 'news', 'meeting');

-- CreateTable
CREATE TABLE "source_files" (
    "name" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "rejection" TEXT,
    "document_count" INTEGER NOT NULL DEFAULT 0,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "source_files_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "source_file" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "date" DATE,
    "region" TEXT,
    "origin" TEXT,
    "start_line" INTEGER NOT NULL,
    "end_line" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "raw_text" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "import_hash" TEXT NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "passages" (
    "id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "path" TEXT[],
    "text" TEXT NOT NULL,
    "raw_text" TEXT NOT NULL,
    "start_line" INTEGER NOT NULL,
    "end_line" INTEGER NOT NULL,
    "text_hash" TEXT NOT NULL,
    "boilerplate" BOOLEAN NOT NULL DEFAULT false,
    "structure" JSONB,

    CONSTRAINT "passages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "documents_key_key" ON "documents"("key");

-- CreateIndex
CREATE INDEX "documents_source_file_ordinal_idx" ON "documents"("source_file", "ordinal");

-- CreateIndex
CREATE INDEX "passages_document_id_ordinal_idx" ON "passages"("document_id", "ordinal");

-- CreateIndex
CREATE INDEX "passages_text_hash_idx" ON "passages"("text_hash");

-- CreateIndex
CREATE UNIQUE INDEX "passages_document_id_key_key" ON "passages"("document_id", "key");

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_source_file_fkey" FOREIGN KEY ("source_file") REFERENCES "source_files"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passages" ADD CONSTRAINT "passages_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
