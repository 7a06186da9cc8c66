-- Moved up by hand from the end of the generated file: the composite foreign keys below reference it.
ALTER TABLE "environment" ADD CONSTRAINT "environment_id_space_unique" UNIQUE("id","space_id");--> statement-breakpoint
CREATE TYPE "public"."gitops_source_type" AS ENUM('kustomize', 'helm', 'directory');--> statement-breakpoint
CREATE TYPE "public"."repository_credential_kind" AS ENUM('https', 'ssh');--> statement-breakpoint
CREATE TABLE "application" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_name" text NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_id_space_unique" UNIQUE("id","space_id"),
	CONSTRAINT "application_name_dns_label" CHECK ("application"."name" ~ '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' and char_length("application"."name") <= 63)
);
--> statement-breakpoint
CREATE TABLE "component" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_name" text NOT NULL,
	"source_url" text NOT NULL,
	"container_image" text NOT NULL,
	"gitops_repo_url" text NOT NULL,
	"gitops_path" text NOT NULL,
	"gitops_target_revision" text NOT NULL,
	"gitops_type" "gitops_source_type" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "component_name_dns_label" CHECK ("component"."name" ~ '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' and char_length("component"."name") <= 63),
	CONSTRAINT "component_source_url_scheme" CHECK ("component"."source_url" like 'https://%' or "component"."source_url" like 'ssh://%'),
	CONSTRAINT "component_gitops_repo_url_scheme" CHECK ("component"."gitops_repo_url" like 'https://%' or "component"."gitops_repo_url" like 'ssh://%'),
	CONSTRAINT "component_container_image_present" CHECK ("component"."container_image" <> ''),
	CONSTRAINT "component_gitops_path_relative" CHECK ("component"."gitops_path" <> '' and left("component"."gitops_path", 1) <> '/')
);
--> statement-breakpoint
CREATE TABLE "pipeline_environment_map" (
	"application_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"position" integer NOT NULL,
	"environment_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pipeline_environment_map_application_id_stage_pk" PRIMARY KEY("application_id","stage"),
	CONSTRAINT "pipeline_environment_map_stage_dns_label" CHECK ("pipeline_environment_map"."stage" ~ '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' and char_length("pipeline_environment_map"."stage") <= 63),
	CONSTRAINT "pipeline_environment_map_position_natural" CHECK ("pipeline_environment_map"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "snapshot_component" (
	"snapshot_id" uuid NOT NULL,
	"component_name" text NOT NULL,
	"container_image" text NOT NULL,
	CONSTRAINT "snapshot_component_snapshot_id_component_name_pk" PRIMARY KEY("snapshot_id","component_name"),
	CONSTRAINT "snapshot_component_name_dns_label" CHECK ("snapshot_component"."component_name" ~ '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' and char_length("snapshot_component"."component_name") <= 63),
	CONSTRAINT "snapshot_component_container_image_present" CHECK ("snapshot_component"."container_image" <> '')
);
--> statement-breakpoint
CREATE TABLE "snapshot_environment_binding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"environment_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"status" jsonb DEFAULT '{"conditions":[],"observedGeneration":0}'::jsonb NOT NULL,
	"deletion_requested_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "binding_components_array" CHECK (jsonb_typeof("snapshot_environment_binding"."components") = 'array')
);
--> statement-breakpoint
CREATE TABLE "snapshot" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"artifacts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "snapshot_id_application_unique" UNIQUE("id","application_id"),
	CONSTRAINT "snapshot_name_dns_label" CHECK ("snapshot"."name" ~ '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' and char_length("snapshot"."name") <= 63),
	CONSTRAINT "snapshot_artifacts_object" CHECK (jsonb_typeof("snapshot"."artifacts") = 'object')
);
--> statement-breakpoint
CREATE TABLE "repository_credential" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"repository" text NOT NULL,
	"kind" "repository_credential_kind" NOT NULL,
	"username" text,
	"secret" text NOT NULL,
	"secret_key_id" text NOT NULL,
	"rotated_at" timestamp with time zone,
	"generation" integer DEFAULT 1 NOT NULL,
	"status" jsonb DEFAULT '{"conditions":[],"observedGeneration":0}'::jsonb NOT NULL,
	"deletion_requested_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repository_credential_repository_scheme" CHECK ("repository_credential"."repository" like 'https://%' or "repository_credential"."repository" like 'ssh://%'),
	CONSTRAINT "repository_credential_kind_matches" CHECK (("repository_credential"."kind" = 'https' and "repository_credential"."repository" like 'https://%' and "repository_credential"."username" is not null)
        or ("repository_credential"."kind" = 'ssh' and "repository_credential"."repository" like 'ssh://%' and "repository_credential"."username" is null))
);
--> statement-breakpoint
ALTER TABLE "application" ADD CONSTRAINT "application_space_id_space_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."space"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application" ADD CONSTRAINT "application_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "component" ADD CONSTRAINT "component_application_id_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_environment_map" ADD CONSTRAINT "pipeline_environment_map_application_fk" FOREIGN KEY ("application_id","space_id") REFERENCES "public"."application"("id","space_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_environment_map" ADD CONSTRAINT "pipeline_environment_map_environment_fk" FOREIGN KEY ("environment_id","space_id") REFERENCES "public"."environment"("id","space_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_component" ADD CONSTRAINT "snapshot_component_snapshot_id_snapshot_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."snapshot"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_environment_binding" ADD CONSTRAINT "snapshot_environment_binding_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_environment_binding" ADD CONSTRAINT "binding_application_fk" FOREIGN KEY ("application_id","space_id") REFERENCES "public"."application"("id","space_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_environment_binding" ADD CONSTRAINT "binding_environment_fk" FOREIGN KEY ("environment_id","space_id") REFERENCES "public"."environment"("id","space_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_environment_binding" ADD CONSTRAINT "binding_snapshot_fk" FOREIGN KEY ("snapshot_id","application_id") REFERENCES "public"."snapshot"("id","application_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot" ADD CONSTRAINT "snapshot_application_id_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot" ADD CONSTRAINT "snapshot_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repository_credential" ADD CONSTRAINT "repository_credential_space_id_space_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."space"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repository_credential" ADD CONSTRAINT "repository_credential_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "application_space_name_unique" ON "application" USING btree ("space_id","name");--> statement-breakpoint
CREATE INDEX "application_space_list_idx" ON "application" USING btree ("space_id","created_at","id");--> statement-breakpoint
CREATE INDEX "application_created_by_idx" ON "application" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "component_application_name_unique" ON "component" USING btree ("application_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_environment_map_position_unique" ON "pipeline_environment_map" USING btree ("application_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "pipeline_environment_map_environment_unique" ON "pipeline_environment_map" USING btree ("application_id","environment_id");--> statement-breakpoint
CREATE INDEX "pipeline_environment_map_environment_idx" ON "pipeline_environment_map" USING btree ("environment_id","space_id");--> statement-breakpoint
CREATE UNIQUE INDEX "binding_application_environment_unique" ON "snapshot_environment_binding" USING btree ("application_id","environment_id");--> statement-breakpoint
CREATE INDEX "binding_application_list_idx" ON "snapshot_environment_binding" USING btree ("application_id","created_at","id");--> statement-breakpoint
CREATE INDEX "binding_environment_idx" ON "snapshot_environment_binding" USING btree ("environment_id","space_id");--> statement-breakpoint
CREATE INDEX "binding_snapshot_idx" ON "snapshot_environment_binding" USING btree ("snapshot_id","application_id");--> statement-breakpoint
CREATE INDEX "binding_created_by_idx" ON "snapshot_environment_binding" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "snapshot_application_name_unique" ON "snapshot" USING btree ("application_id","name");--> statement-breakpoint
CREATE INDEX "snapshot_application_list_idx" ON "snapshot" USING btree ("application_id","created_at","id");--> statement-breakpoint
CREATE INDEX "snapshot_created_by_idx" ON "snapshot" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "repository_credential_space_repository_unique" ON "repository_credential" USING btree ("space_id","repository");--> statement-breakpoint
CREATE INDEX "repository_credential_space_list_idx" ON "repository_credential" USING btree ("space_id","created_at","id");--> statement-breakpoint
CREATE INDEX "repository_credential_created_by_idx" ON "repository_credential" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "repository_credential_key_idx" ON "repository_credential" USING btree ("secret_key_id");