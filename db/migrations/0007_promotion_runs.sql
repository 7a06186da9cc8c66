CREATE TYPE "public"."promotion_kind" AS ENUM('manual', 'automated', 'rollback');--> statement-breakpoint
CREATE TYPE "public"."promotion_result" AS ENUM('Success', 'Failure');--> statement-breakpoint
CREATE TYPE "public"."promotion_state" AS ENUM('Waiting', 'In Progress', 'Complete');--> statement-breakpoint
CREATE TABLE "promotion_run" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"kind" "promotion_kind" NOT NULL,
	"target_environment_id" uuid,
	"source_environment_id" uuid,
	"state" "promotion_state" DEFAULT 'Waiting' NOT NULL,
	"result" "promotion_result",
	"message" text DEFAULT '' NOT NULL,
	"timeout_seconds" integer DEFAULT 600 NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	CONSTRAINT "promotion_run_target_by_kind" CHECK (("promotion_run"."kind" = 'automated') = ("promotion_run"."target_environment_id" is null)
        and ("promotion_run"."kind" = 'automated') = ("promotion_run"."source_environment_id" is not null)),
	CONSTRAINT "promotion_run_result_when_complete" CHECK (("promotion_run"."state" = 'Complete') = ("promotion_run"."result" is not null)),
	CONSTRAINT "promotion_run_timeout_positive" CHECK ("promotion_run"."timeout_seconds" > 0)
);
--> statement-breakpoint
CREATE TABLE "promotion_step" (
	"run_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"state" "promotion_state" DEFAULT 'Waiting' NOT NULL,
	"result" "promotion_result",
	"message" text DEFAULT '' NOT NULL,
	"previous_snapshot_id" uuid,
	"started_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	CONSTRAINT "promotion_step_run_id_position_pk" PRIMARY KEY("run_id","position"),
	CONSTRAINT "promotion_step_position_natural" CHECK ("promotion_step"."position" >= 0),
	CONSTRAINT "promotion_step_result_when_complete" CHECK (("promotion_step"."state" = 'Complete') = ("promotion_step"."result" is not null))
);
--> statement-breakpoint
ALTER TABLE "gitops_deployment" ADD COLUMN "images" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "promotion_run" ADD CONSTRAINT "promotion_run_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_run" ADD CONSTRAINT "promotion_run_application_fk" FOREIGN KEY ("application_id","space_id") REFERENCES "public"."application"("id","space_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_run" ADD CONSTRAINT "promotion_run_snapshot_fk" FOREIGN KEY ("snapshot_id","application_id") REFERENCES "public"."snapshot"("id","application_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_run" ADD CONSTRAINT "promotion_run_target_environment_fk" FOREIGN KEY ("target_environment_id","space_id") REFERENCES "public"."environment"("id","space_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_run" ADD CONSTRAINT "promotion_run_source_environment_fk" FOREIGN KEY ("source_environment_id","space_id") REFERENCES "public"."environment"("id","space_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_step" ADD CONSTRAINT "promotion_step_run_id_promotion_run_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."promotion_run"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_step" ADD CONSTRAINT "promotion_step_environment_id_environment_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_step" ADD CONSTRAINT "promotion_step_previous_snapshot_id_snapshot_id_fk" FOREIGN KEY ("previous_snapshot_id") REFERENCES "public"."snapshot"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_run_one_active_per_application" ON "promotion_run" USING btree ("application_id") WHERE "promotion_run"."state" <> 'Complete';--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_run_automated_once" ON "promotion_run" USING btree ("application_id","snapshot_id","source_environment_id") WHERE "promotion_run"."kind" = 'automated';--> statement-breakpoint
CREATE INDEX "promotion_run_application_list_idx" ON "promotion_run" USING btree ("application_id","created_at","id");--> statement-breakpoint
CREATE INDEX "promotion_run_snapshot_idx" ON "promotion_run" USING btree ("snapshot_id","application_id");--> statement-breakpoint
CREATE INDEX "promotion_run_target_idx" ON "promotion_run" USING btree ("target_environment_id","space_id");--> statement-breakpoint
CREATE INDEX "promotion_run_source_idx" ON "promotion_run" USING btree ("source_environment_id","space_id");--> statement-breakpoint
CREATE INDEX "promotion_run_created_by_idx" ON "promotion_run" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_step_run_environment_unique" ON "promotion_step" USING btree ("run_id","environment_id");--> statement-breakpoint
CREATE INDEX "promotion_step_environment_history_idx" ON "promotion_step" USING btree ("environment_id","completed_at","run_id") WHERE "promotion_step"."result" = 'Success';--> statement-breakpoint
CREATE INDEX "promotion_step_previous_snapshot_idx" ON "promotion_step" USING btree ("previous_snapshot_id");