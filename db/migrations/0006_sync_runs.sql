CREATE TYPE "public"."sync_run_state" AS ENUM('Pending', 'Running', 'Succeeded', 'Failed', 'Terminated');--> statement-breakpoint
CREATE TABLE "sync_run" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deployment_id" uuid NOT NULL,
	"revision_id" text NOT NULL,
	"requested_by" text,
	"requested_by_label" text NOT NULL,
	"state" "sync_run_state" DEFAULT 'Pending' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"operation_phase" text,
	"cancel_requested_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_run" ADD CONSTRAINT "sync_run_deployment_id_gitops_deployment_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."gitops_deployment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run" ADD CONSTRAINT "sync_run_requested_by_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_run_deployment_idx" ON "sync_run" USING btree ("deployment_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_run_one_active_per_deployment" ON "sync_run" USING btree ("deployment_id") WHERE "sync_run"."state" in ('Pending', 'Running');