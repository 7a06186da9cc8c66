CREATE TYPE "public"."gitops_sync_mode" AS ENUM('automated', 'manual');--> statement-breakpoint
CREATE TABLE "gitops_deployment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"binding_id" uuid NOT NULL,
	"component_name" text NOT NULL,
	"argo_cd_cluster_id" uuid NOT NULL,
	"argo_cd_namespace" text NOT NULL,
	"application_name" text NOT NULL,
	"sync_mode" "gitops_sync_mode" NOT NULL,
	"manifest" jsonb NOT NULL,
	"slipway_conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sync_status" text,
	"health_status" text,
	"revision" text,
	"resources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"operation_state" jsonb,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gitops_deployment_component_name_dns_label" CHECK ("gitops_deployment"."component_name" ~ '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' and char_length("gitops_deployment"."component_name") <= 63)
);
--> statement-breakpoint
ALTER TABLE "application" ADD COLUMN "deletion_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "gitops_deployment" ADD CONSTRAINT "gitops_deployment_binding_id_snapshot_environment_binding_id_fk" FOREIGN KEY ("binding_id") REFERENCES "public"."snapshot_environment_binding"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gitops_deployment" ADD CONSTRAINT "gitops_deployment_argo_cd_cluster_id_cluster_id_fk" FOREIGN KEY ("argo_cd_cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gitops_deployment_binding_component_unique" ON "gitops_deployment" USING btree ("binding_id","component_name");--> statement-breakpoint
CREATE INDEX "gitops_deployment_cluster_idx" ON "gitops_deployment" USING btree ("argo_cd_cluster_id");