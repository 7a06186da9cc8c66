CREATE TYPE "public"."cluster_user_sign_in_kind" AS ENUM('oidc', 'openshift');--> statement-breakpoint
CREATE TABLE "cluster_user_sign_in" (
	"cluster_id" uuid PRIMARY KEY NOT NULL,
	"kind" "cluster_user_sign_in_kind" NOT NULL,
	"issuer_url" text,
	"client_id" text NOT NULL,
	"client_secret" text,
	"client_secret_key_id" text,
	"scopes" text DEFAULT 'openid email profile' NOT NULL,
	"username_claim" text DEFAULT 'sub' NOT NULL,
	"username_prefix" text,
	"groups_claim" text,
	"groups_prefix" text,
	"ca_data" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cluster_user_sign_in_issuer_for_oidc" CHECK (("cluster_user_sign_in"."kind" = 'oidc') = ("cluster_user_sign_in"."issuer_url" is not null)),
	CONSTRAINT "cluster_user_sign_in_secret_sealed" CHECK (("cluster_user_sign_in"."client_secret" is null) = ("cluster_user_sign_in"."client_secret_key_id" is null))
);
--> statement-breakpoint
ALTER TABLE "cluster_user_sign_in" ADD CONSTRAINT "cluster_user_sign_in_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_user_sign_in" ADD CONSTRAINT "cluster_user_sign_in_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cluster_user_sign_in_created_by_idx" ON "cluster_user_sign_in" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "cluster_user_sign_in_key_idx" ON "cluster_user_sign_in" USING btree ("client_secret_key_id");