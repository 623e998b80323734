-- CreateEnum
CREATE TYPE "CardState" AS ENUM ('new', 'learning', 'review', 'relearning');

-- CreateEnum
CREATE TYPE "ReviewMode" AS ENUM ('study', 'practice', 'quiz');

-- CreateEnum
CREATE TYPE "FlagSource" AS ENUM ('learner', 'item_analysis');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "daily_new_limit" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "desired_retention" DOUBLE PRECISION NOT NULL DEFAULT 0.9,
ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'Asia/Shanghai';

-- CreateTable
CREATE TABLE "cards" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "knowledge_point_id" UUID NOT NULL,
    "state" "CardState" NOT NULL DEFAULT 'new',
    "due" TIMESTAMPTZ(3) NOT NULL,
    "stability" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "difficulty" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "elapsed_days" INTEGER NOT NULL DEFAULT 0,
    "scheduled_days" INTEGER NOT NULL DEFAULT 0,
    "learning_steps" INTEGER NOT NULL DEFAULT 0,
    "reps" INTEGER NOT NULL DEFAULT 0,
    "lapses" INTEGER NOT NULL DEFAULT 0,
    "last_review" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cards_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reviews" (
    "id" BIGSERIAL NOT NULL,
    "user_id" UUID NOT NULL,
    "card_id" UUID NOT NULL,
    "knowledge_point_id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "mode" "ReviewMode" NOT NULL DEFAULT 'study',
    "answer" JSONB NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "rating" INTEGER NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "was_due" BOOLEAN NOT NULL,
    "state_before" JSONB NOT NULL,
    "state_after" JSONB NOT NULL,
    "study_day" TEXT NOT NULL,
    "reviewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "presentations" (
    "token" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "knowledge_point_id" UUID NOT NULL,
    "mode" "ReviewMode" NOT NULL DEFAULT 'study',
    "set_id" UUID,
    "attempt_id" UUID,
    "options" TEXT[],
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMPTZ(3),
    "review_id" BIGINT,
    "result" JSONB,

    CONSTRAINT "presentations_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "flags" (
    "id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "user_id" UUID,
    "source" "FlagSource" NOT NULL DEFAULT 'learner',
    "comment" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,
    "resolution" TEXT,

    CONSTRAINT "flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attempts" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "set_id" UUID NOT NULL,
    "question_ids" TEXT[],
    "time_limit_sec" INTEGER,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMPTZ(3),
    "score" DOUBLE PRECISION,

    CONSTRAINT "attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attempt_answers" (
    "attempt_id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "answer" JSONB NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attempt_answers_pkey" PRIMARY KEY ("attempt_id","question_id")
);

-- CreateIndex
CREATE INDEX "cards_user_id_due_idx" ON "cards"("user_id", "due");

-- CreateIndex
CREATE UNIQUE INDEX "cards_user_id_knowledge_point_id_key" ON "cards"("user_id", "knowledge_point_id");

-- CreateIndex
CREATE INDEX "reviews_user_id_reviewed_at_idx" ON "reviews"("user_id", "reviewed_at");

-- CreateIndex
CREATE INDEX "reviews_user_id_study_day_idx" ON "reviews"("user_id", "study_day");

-- CreateIndex
CREATE INDEX "reviews_question_id_idx" ON "reviews"("question_id");

-- CreateIndex
CREATE INDEX "reviews_card_id_idx" ON "reviews"("card_id");

-- CreateIndex
CREATE UNIQUE INDEX "presentations_review_id_key" ON "presentations"("review_id");

-- CreateIndex
CREATE INDEX "presentations_user_id_answered_at_idx" ON "presentations"("user_id", "answered_at");

-- CreateIndex
CREATE INDEX "flags_question_id_idx" ON "flags"("question_id");

-- CreateIndex
CREATE INDEX "flags_resolved_at_idx" ON "flags"("resolved_at");

-- CreateIndex
CREATE INDEX "attempts_user_id_set_id_idx" ON "attempts"("user_id", "set_id");

-- CreateIndex
CREATE INDEX "attempts_set_id_idx" ON "attempts"("set_id");

-- AddForeignKey
ALTER TABLE "cards" ADD CONSTRAINT "cards_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cards" ADD CONSTRAINT "cards_knowledge_point_id_fkey" FOREIGN KEY ("knowledge_point_id") REFERENCES "knowledge_points"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_card_id_fkey" FOREIGN KEY ("card_id") REFERENCES "cards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_set_id_fkey" FOREIGN KEY ("set_id") REFERENCES "question_sets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attempt_answers" ADD CONSTRAINT "attempt_answers_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "attempts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
