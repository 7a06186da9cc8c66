import type { Metadata } from "next";
import { DeleteSpaceDialog } from "@/components/spaces/delete-space-dialog";
import { EditSpaceForm } from "@/components/spaces/edit-space-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { loadSpace } from "../space-data";

export const metadata: Metadata = { title: "Settings" };

export default async function SpaceSettingsPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const { space, role } = await loadSpace(name);
  if (role !== "owner") {
    return (
      <div className="space-y-4">
        <Alert title="Only owners can change settings">
          You are a {role} of this space. Ask an owner (see Members) to change its details or delete
          it.
        </Alert>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader>
          <CardTitle>General</CardTitle>
          <CardDescription>How the space is shown to its members.</CardDescription>
        </CardHeader>
        <CardContent>
          <EditSpaceForm space={space} />
        </CardContent>
      </Card>
      <Card className="border-destructive/40">
        <CardHeader>
          <CardTitle>Delete this space</CardTitle>
          <CardDescription>
            Removes the space and its memberships. Activity history is kept.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <DeleteSpaceDialog space={space} />
        </CardContent>
      </Card>
    </div>
  );
}
