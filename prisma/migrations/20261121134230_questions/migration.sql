-- CreateEnum
CREATE TYPE "KnowledgeKind" AS ENUM ('phrase', 'target', 'provision');

-- CreateEnum
CREATE TYPE "QuestionFormat" AS ENUM ('single', 'multiple', 'truefalse', 'fill');

-- CreateEnum
CREATE TYPE "QuestionStatus" AS ENUM ('draft', 'approved', 'rejected', 'retired');

-- CreateEnum
CREATE TYPE "SetStatus" AS ENUM ('draft', 'published', 'archived');

-- CreateTable
CREATE TABLE "knowledge_points" (
    "id" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "kind" "KnowledgeKind" NOT NULL,
    "document_id" UUID NOT NULL,
    "passage_key" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "retired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "knowledge_points_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questions" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "knowledge_point_id" UUID NOT NULL,
    "format" "QuestionFormat" NOT NULL,
    "stem" TEXT NOT NULL,
    "options" TEXT[],
    "answer" TEXT[],
    "explanation" TEXT NOT NULL,
    "source_path" TEXT[],
    "source_quote" TEXT NOT NULL,
    "status" "QuestionStatus" NOT NULL DEFAULT 'draft',
    "score" DOUBLE PRECISION NOT NULL,
    "generator_version" TEXT NOT NULL,
    "edited_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generation_runs" (
    "id" BIGSERIAL NOT NULL,
    "input_hash" TEXT NOT NULL,
    "generator_version" TEXT NOT NULL,
    "stats" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "generation_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_sets" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "SetStatus" NOT NULL DEFAULT 'draft',
    "document_id" UUID,
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "question_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "set_items" (
    "set_id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "set_items_pkey" PRIMARY KEY ("set_id","question_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "knowledge_points_fingerprint_key" ON "knowledge_points"("fingerprint");

-- CreateIndex
CREATE INDEX "knowledge_points_document_id_idx" ON "knowledge_points"("document_id");

-- CreateIndex
CREATE UNIQUE INDEX "questions_key_key" ON "questions"("key");

-- CreateIndex
CREATE INDEX "questions_knowledge_point_id_idx" ON "questions"("knowledge_point_id");

-- CreateIndex
CREATE INDEX "questions_status_format_idx" ON "questions"("status", "format");

-- CreateIndex
CREATE UNIQUE INDEX "question_sets_document_id_key" ON "question_sets"("document_id");

-- CreateIndex
CREATE INDEX "set_items_question_id_idx" ON "set_items"("question_id");

-- AddForeignKey
ALTER TABLE "knowledge_points" ADD CONSTRAINT "knowledge_points_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_knowledge_point_id_fkey" FOREIGN KEY ("knowledge_point_id") REFERENCES "knowledge_points"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "set_items" ADD CONSTRAINT "set_items_set_id_fkey" FOREIGN KEY ("set_id") REFERENCES "question_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "set_items" ADD CONSTRAINT "set_items_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
