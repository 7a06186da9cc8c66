ALTER TABLE "cluster" ADD COLUMN "hub_cluster_id" uuid;--> statement-breakpoint
ALTER TABLE "cluster" ADD CONSTRAINT "cluster_hub_cluster_id_cluster_id_fk" FOREIGN KEY ("hub_cluster_id") REFERENCES "public"."cluster"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cluster_hub_cluster_idx" ON "cluster" USING btree ("hub_cluster_id");