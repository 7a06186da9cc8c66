CREATE TYPE "public"."cluster_auth_kind" AS ENUM('token', 'client-certificate');--> statement-breakpoint
CREATE TYPE "public"."deployment_target_claim_phase" AS ENUM('Pending', 'Bound', 'Lost');--> statement-breakpoint
CREATE TYPE "public"."deployment_target_phase" AS ENUM('Pending', 'Available', 'Bound', 'Released', 'Failed');--> statement-breakpoint
CREATE TYPE "public"."deployment_target_provisioning" AS ENUM('dynamic', 'static');--> statement-breakpoint
CREATE TYPE "public"."reclaim_policy" AS ENUM('Retain', 'Delete');--> statement-breakpoint
CREATE TYPE "public"."deployment_strategy" AS ENUM('Manual', 'AppStudioAutomated');--> statement-breakpoint
CREATE TYPE "public"."environment_type" AS ENUM('build', 'dev', 'test', 'stage', 'run', 'custom');--> statement-breakpoint
CREATE TABLE "cluster" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"api_url" text NOT NULL,
	"auth_kind" "cluster_auth_kind" NOT NULL,
	"credentials" text NOT NULL,
	"credentials_key_id" text NOT NULL,
	"credentials_rotated_at" timestamp with time zone,
	"insecure_skip_tls_verify" boolean DEFAULT false NOT NULL,
	"namespaces" text[] DEFAULT '{}'::text[] NOT NULL,
	"cluster_resources" boolean DEFAULT true NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"argo_cd_namespace" text,
	"workspace_url" text,
	"quota_ceilings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"cordoned" boolean DEFAULT false NOT NULL,
	"emulated" boolean DEFAULT false NOT NULL,
	"probe" jsonb,
	"generation" integer DEFAULT 1 NOT NULL,
	"status" jsonb DEFAULT '{"conditions":[],"observedGeneration":0}'::jsonb NOT NULL,
	"deletion_requested_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cluster_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "deployment_target_claim" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"name" text NOT NULL,
	"class_id" uuid NOT NULL,
	"target_id" uuid,
	"phase" "deployment_target_claim_phase" DEFAULT 'Pending' NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"status" jsonb DEFAULT '{"conditions":[],"observedGeneration":0}'::jsonb NOT NULL,
	"deletion_requested_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployment_target_class" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"provisioner" text DEFAULT 'slipway.dev/namespace' NOT NULL,
	"cluster_id" uuid NOT NULL,
	"reclaim_policy" "reclaim_policy" DEFAULT 'Delete' NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployment_target_class_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "deployment_target" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"class_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"namespace" text NOT NULL,
	"provisioning" "deployment_target_provisioning" NOT NULL,
	"phase" "deployment_target_phase" DEFAULT 'Pending' NOT NULL,
	"service_account" text,
	"credentials" text,
	"credentials_key_id" text,
	"token_expires_at" timestamp with time zone,
	"generation" integer DEFAULT 1 NOT NULL,
	"status" jsonb DEFAULT '{"conditions":[],"observedGeneration":0}'::jsonb NOT NULL,
	"deletion_requested_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployment_target_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "cluster_namespace" (
	"cluster_id" uuid NOT NULL,
	"namespace" text NOT NULL,
	"owner_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cluster_namespace_cluster_id_namespace_pk" PRIMARY KEY("cluster_id","namespace")
);
--> statement-breakpoint
CREATE TABLE "environment_workspace" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"environment_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"namespace" text NOT NULL,
	"generation" integer DEFAULT 1 NOT NULL,
	"status" jsonb DEFAULT '{"conditions":[],"observedGeneration":0}'::jsonb NOT NULL,
	"deletion_requested_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "environment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"type" "environment_type" NOT NULL,
	"cluster_id" uuid,
	"claim_id" uuid,
	"namespace" text,
	"parent_id" uuid,
	"deployment_strategy" "deployment_strategy" DEFAULT 'Manual' NOT NULL,
	"variables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"quota" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"container_limits" jsonb,
	"contributor_namespaces" boolean DEFAULT true NOT NULL,
	"expires_at" timestamp with time zone,
	"expiry_warned_at" timestamp with time zone,
	"generation" integer DEFAULT 1 NOT NULL,
	"status" jsonb DEFAULT '{"conditions":[],"observedGeneration":0}'::jsonb NOT NULL,
	"deletion_requested_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cluster_lease" (
	"cluster_id" uuid PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"acquired_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "managed_object" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_key" text NOT NULL,
	"cluster_id" uuid NOT NULL,
	"api_version" text NOT NULL,
	"kind" text NOT NULL,
	"namespace" text DEFAULT '' NOT NULL,
	"name" text NOT NULL,
	"uid" text,
	"resource_version" text,
	"health" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"observed" jsonb,
	"observed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reconcile_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner_key" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"type" text NOT NULL,
	"reason" text NOT NULL,
	"message" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cluster" ADD CONSTRAINT "cluster_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_target_claim" ADD CONSTRAINT "deployment_target_claim_space_id_space_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."space"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_target_claim" ADD CONSTRAINT "deployment_target_claim_class_id_deployment_target_class_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."deployment_target_class"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_target_claim" ADD CONSTRAINT "deployment_target_claim_target_id_deployment_target_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."deployment_target"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_target_claim" ADD CONSTRAINT "deployment_target_claim_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_target_class" ADD CONSTRAINT "deployment_target_class_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_target_class" ADD CONSTRAINT "deployment_target_class_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_target" ADD CONSTRAINT "deployment_target_class_id_deployment_target_class_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."deployment_target_class"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_target" ADD CONSTRAINT "deployment_target_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_target" ADD CONSTRAINT "deployment_target_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_namespace" ADD CONSTRAINT "cluster_namespace_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment_workspace" ADD CONSTRAINT "environment_workspace_environment_id_environment_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environment"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment_workspace" ADD CONSTRAINT "environment_workspace_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment" ADD CONSTRAINT "environment_space_id_space_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."space"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment" ADD CONSTRAINT "environment_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment" ADD CONSTRAINT "environment_claim_id_deployment_target_claim_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."deployment_target_claim"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment" ADD CONSTRAINT "environment_parent_id_environment_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."environment"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment" ADD CONSTRAINT "environment_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_lease" ADD CONSTRAINT "cluster_lease_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_object" ADD CONSTRAINT "managed_object_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cluster_created_by_idx" ON "cluster" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "deployment_target_claim_space_name_unique" ON "deployment_target_claim" USING btree ("space_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "deployment_target_claim_target_unique" ON "deployment_target_claim" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "deployment_target_claim_class_idx" ON "deployment_target_claim" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "deployment_target_claim_space_list_idx" ON "deployment_target_claim" USING btree ("space_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deployment_target_claim_created_by_idx" ON "deployment_target_claim" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "deployment_target_class_cluster_idx" ON "deployment_target_class" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "deployment_target_class_created_by_idx" ON "deployment_target_class" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "deployment_target_class_phase_idx" ON "deployment_target" USING btree ("class_id","phase");--> statement-breakpoint
CREATE INDEX "deployment_target_cluster_idx" ON "deployment_target" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "deployment_target_created_by_idx" ON "deployment_target" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "cluster_namespace_owner_unique" ON "cluster_namespace" USING btree ("owner_key","cluster_id");--> statement-breakpoint
CREATE UNIQUE INDEX "environment_workspace_user_unique" ON "environment_workspace" USING btree ("environment_id","user_id");--> statement-breakpoint
CREATE INDEX "environment_workspace_user_idx" ON "environment_workspace" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "environment_space_name_unique" ON "environment" USING btree ("space_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "environment_space_singleton_type_unique" ON "environment" USING btree ("space_id","type") WHERE "environment"."type" in ('build', 'dev');--> statement-breakpoint
CREATE INDEX "environment_space_list_idx" ON "environment" USING btree ("space_id","created_at","id");--> statement-breakpoint
CREATE INDEX "environment_cluster_idx" ON "environment" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "environment_claim_idx" ON "environment" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "environment_parent_idx" ON "environment" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "environment_created_by_idx" ON "environment" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "environment_expires_idx" ON "environment" USING btree ("expires_at") WHERE "environment"."expires_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "managed_object_identity_unique" ON "managed_object" USING btree ("owner_key","api_version","kind","namespace","name");--> statement-breakpoint
CREATE INDEX "managed_object_cluster_idx" ON "managed_object" USING btree ("cluster_id","namespace");--> statement-breakpoint
CREATE INDEX "reconcile_event_owner_idx" ON "reconcile_event" USING btree ("owner_key","id");