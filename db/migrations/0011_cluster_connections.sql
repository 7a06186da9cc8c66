CREATE TYPE "public"."cluster_connection_state" AS ENUM('connected', 'reconnect_needed');--> statement-breakpoint
CREATE TABLE "cluster_connect_attempt" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"cluster_id" uuid NOT NULL,
	"code_verifier" text NOT NULL,
	"code_verifier_key_id" text NOT NULL,
	"nonce" text NOT NULL,
	"return_path" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cluster_connect_attempt_return_path" CHECK ("cluster_connect_attempt"."return_path" like '/%')
);
--> statement-breakpoint
CREATE TABLE "cluster_connection" (
	"user_id" text NOT NULL,
	"cluster_id" uuid NOT NULL,
	"tokens" text NOT NULL,
	"tokens_key_id" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"username" text NOT NULL,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"state" "cluster_connection_state" DEFAULT 'connected' NOT NULL,
	"last_error" text,
	"last_used_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cluster_connection_user_id_cluster_id_pk" PRIMARY KEY("user_id","cluster_id")
);
--> statement-breakpoint
ALTER TABLE "cluster_connect_attempt" ADD CONSTRAINT "cluster_connect_attempt_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_connect_attempt" ADD CONSTRAINT "cluster_connect_attempt_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_connection" ADD CONSTRAINT "cluster_connection_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cluster_connection" ADD CONSTRAINT "cluster_connection_cluster_id_cluster_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."cluster"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cluster_connect_attempt_user_idx" ON "cluster_connect_attempt" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cluster_connect_attempt_cluster_idx" ON "cluster_connect_attempt" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "cluster_connection_cluster_idx" ON "cluster_connection" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "cluster_connection_key_idx" ON "cluster_connection" USING btree ("tokens_key_id");