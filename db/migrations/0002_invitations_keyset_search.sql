-- pg_trgm backs substring search over spaces (space_search_trgm_idx below). Trusted since PostgreSQL 13,
-- so the database owner may create it; PGlite loads it as an extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."invitation_status" AS ENUM('pending', 'accepted', 'declined', 'revoked');--> statement-breakpoint
CREATE TABLE "space_invitation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "space_role" NOT NULL,
	"status" "invitation_status" DEFAULT 'pending' NOT NULL,
	"invited_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "audit_event_actor_idx";--> statement-breakpoint
ALTER TABLE "space_member" ALTER COLUMN "added_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "space_member" ALTER COLUMN "added_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "space_invitation" ADD CONSTRAINT "space_invitation_space_id_space_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."space"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_invitation" ADD CONSTRAINT "space_invitation_invited_by_user_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "space_invitation_pending_unique" ON "space_invitation" USING btree ("space_id","email") WHERE "space_invitation"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "space_invitation_email_idx" ON "space_invitation" USING btree ("email") WHERE "space_invitation"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "space_invitation_space_idx" ON "space_invitation" USING btree ("space_id","created_at","id");--> statement-breakpoint
CREATE INDEX "space_invitation_invited_by_idx" ON "space_invitation" USING btree ("invited_by");--> statement-breakpoint
CREATE INDEX "space_member_list_idx" ON "space_member" USING btree ("space_id","added_at","user_id");--> statement-breakpoint
CREATE INDEX "space_search_trgm_idx" ON "space" USING gin (("name" || ' ' || "display_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_event_action_idx" ON "audit_event" USING btree ("action","id");--> statement-breakpoint
CREATE INDEX "audit_event_actor_idx" ON "audit_event" USING btree ("actor_id","id");